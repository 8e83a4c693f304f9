/** Page objects for camera import, edges, API tokens and the audit log. */
import type { Page } from 'playwright-core';

export class CameraImportPage {
  constructor(private readonly page: Page) {}

  async choose(name: string, text: string): Promise<void> {
    await this.page.getByLabel('CSV or GeoJSON file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  }

  /** Runs the dry run and returns the line numbers reported as wrong (empty when all are fine). */
  async check(): Promise<number[]> {
    await this.page.getByRole('button', { name: 'Check file (imports nothing)' }).click();
    const heading = this.page.getByRole('heading', { name: /^3\. / });
    await heading.waitFor();
    if ((await heading.innerText()).includes('Import')) return [];
    const cells = await this.page.getByRole('table').locator('tbody tr td:first-child').allInnerTexts();
    return cells.map(Number);
  }

  async confirm(): Promise<string> {
    await this.page.getByRole('button', { name: /^Import \d+ cameras$/ }).click();
    const done = this.page.getByText(/^Imported \d+ cameras/);
    await done.waitFor();
    return done.innerText();
  }
}

export class EdgesPage {
  constructor(private readonly page: Page) {}

  async add(site: string, name: string): Promise<string> {
    const form = this.page.getByRole('form', { name: 'Add an edge' });
    await form.getByLabel('Site').selectOption({ label: site });
    await form.getByLabel('Edge name').fill(name);
    await form.getByRole('button', { name: 'Add edge' }).click();
    return (await this.page.getByTestId('enrolment-token').innerText()).trim();
  }
}

export class TokensPage {
  constructor(private readonly page: Page) {}

  async create(name: string, role: string): Promise<string> {
    const form = this.page.getByRole('form', { name: 'Create a token' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Role').selectOption({ label: role });
    await form.getByRole('button', { name: 'Create token' }).click();
    return (await this.page.getByTestId('api-token').innerText()).trim();
  }
}

export class AuditPage {
  constructor(private readonly page: Page) {}

  async verifyChain(): Promise<string> {
    await this.page.getByRole('button', { name: 'Verify chain' }).click();
    const result = this.page.getByText(/^The chain is (intact|broken)/);
    await result.waitFor();
    return result.innerText();
  }

  async rowCount(): Promise<number> {
    await this.page.getByRole('table').waitFor();
    return this.page.getByRole('table').locator('tbody tr').count();
  }
}
