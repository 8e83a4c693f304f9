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

  /** The incident is open (a dropped pin may land where no camera sees). */
  async waitForIncidentHeading(type: string): Promise<void> {
    await this.page.locator('section[data-incident-id]').getByRole('heading', { name: type }).waitFor();
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

  /** Enters a call whose address is unknown, gets the suggestions and the map, drops a pin in the map's middle and creates it. */
  async createWithDroppedPin(type: string, address: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'New incident' });
    await form.getByLabel('Type').fill(type);
    await form.getByLabel('Address or intersection').fill(address);
    await form.getByRole('button', { name: 'Create incident' }).click();
    await form.getByRole('alert').getByText('Drop a pin').waitFor();
    const map = form.getByRole('region', { name: /click to drop a pin/ });
    await map.waitFor();
    await this.page.waitForTimeout(300); // let the map fit the cameras
    await map.click();
    await form.getByLabel('Or a pin: latitude, longitude').evaluate((el: HTMLInputElement) => el.value.length > 0 || Promise.reject(new Error('no pin')));
  }

  async submitNewIncident(): Promise<void> {
    await this.page.getByRole('form', { name: 'New incident' }).getByRole('button', { name: 'Create incident' }).click();
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
