/** Page objects for the crime centre: the operator's incident page and the patrol BOLO feed. */
import type { Locator, Page } from 'playwright-core';

export class IncidentPage {
  constructor(private readonly page: Page) {}

  async waitForLive(): Promise<void> {
    await this.page.getByRole('complementary', { name: 'Incident queue' }).getByText('Live', { exact: true }).waitFor();
  }

  /** The open incident's section, once it shows `type` with at least `minCameras` ranked tiles. */
  async waitForIncident(type: string, minCameras = 1, timeout = 15_000): Promise<Locator> {
    const section = this.page.locator('section[data-incident-id]').filter({ has: this.page.getByRole('heading', { name: type }) });
    await section.waitFor({ timeout });
    await section.getByTestId('ranked-cameras').locator('figure').nth(minCameras - 1).waitFor({ timeout });
    return section;
  }

  async rankedCameraNames(): Promise<string[]> {
    return (await this.page.getByTestId('ranked-cameras').locator('.tile__name').allInnerTexts()).map((s) => s.trim());
  }

  async sendBolo(b: { title: string; plate: string; colour: string; type: string }): Promise<void> {
    await this.page.keyboard.press('b'); // the shortcut focuses the BOLO form
    const form = this.page.getByRole('form', { name: 'Send BOLO' });
    await form.getByLabel('What to look for').fill(b.title);
    await form.getByLabel('Plate').fill(b.plate);
    await form.getByLabel('Colour').fill(b.colour);
    await form.getByLabel('Vehicle type').fill(b.type);
    await form.getByRole('button', { name: 'Send BOLO' }).click();
    await form.getByText('Sent to patrol').waitFor();
  }

  async waitForAcknowledgement(by: string): Promise<void> {
    await this.page.getByText(`BOLO acknowledged by ${by}`, { exact: true }).waitFor();
  }
}

export class PatrolPage {
  constructor(private readonly page: Page) {}

  async waitForLive(): Promise<void> {
    await this.page.getByRole('heading', { name: 'BOLOs', level: 1 }).waitFor();
    await this.page.locator('.patrol-status').getByText('Live').waitFor();
  }

  bolo(title: string): Locator {
    return this.page.getByRole('article', { name: title });
  }

  async acknowledge(title: string): Promise<void> {
    await this.bolo(title).getByRole('button', { name: 'Acknowledge' }).click();
    await this.bolo(title).getByText('You acknowledged this').waitFor();
  }
}
