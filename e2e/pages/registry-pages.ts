/** Page objects for the admin registry pages: members, sites, cameras. */
import type { Page } from 'playwright-core';

export class MembersPage {
  constructor(private readonly page: Page) {}

  async add(m: { name: string; kind: string; contactEmail?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add member' }).first().click();
    const form = this.page.getByRole('form', { name: 'Add a member' });
    await form.getByLabel('Name').fill(m.name);
    await form.getByLabel('Kind').selectOption({ label: m.kind });
    if (m.contactEmail) await form.getByLabel('Contact email').fill(m.contactEmail);
    await form.getByRole('button', { name: 'Add member' }).click();
    await this.page.getByRole('cell', { name: m.name, exact: true }).waitFor();
  }
}

export class SitesPage {
  constructor(private readonly page: Page) {}

  async add(s: { member: string; name: string; address: string; lat: number; lon: number }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add site' }).first().click();
    const form = this.page.getByRole('form', { name: 'Add a site' });
    await form.getByLabel('Member').selectOption({ label: s.member });
    await form.getByLabel('Site name').fill(s.name);
    await form.getByLabel('Street address').fill(s.address);
    await form.getByLabel('Latitude').fill(String(s.lat));
    await form.getByLabel('Longitude').fill(String(s.lon));
    await form.getByRole('button', { name: 'Add site' }).click();
    await this.page.getByRole('cell', { name: s.name, exact: true }).waitFor();
  }
}

export interface CameraFields {
  site: string;
  name: string;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  sharing: string;
  attested: boolean;
}

export class CamerasPage {
  constructor(private readonly page: Page) {}

  async openAddForm() {
    await this.page.getByRole('button', { name: 'Add camera' }).first().click();
    return this.page.getByRole('form', { name: 'Add a camera' });
  }

  async add(c: CameraFields): Promise<void> {
    const form = await this.openAddForm();
    await form.getByLabel('Site').selectOption({ label: c.site });
    await form.getByLabel('Camera name').fill(c.name);
    await form.getByLabel('Heading (degrees from north)').fill(String(c.headingDeg));
    await form.getByLabel('Field of view (degrees)').fill(String(c.fovDeg));
    await form.getByLabel('Range (metres)').fill(String(c.rangeM));
    await form.getByLabel('Sharing').selectOption({ label: c.sharing });
    if (c.attested) await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Add camera' }).click();
    await this.page.getByRole('cell', { name: c.name, exact: true }).waitFor();
  }
}
