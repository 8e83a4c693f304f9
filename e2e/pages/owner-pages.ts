/** Page objects for adding a user (admin) and the owner's "My cameras" page. */
import type { Page } from 'playwright-core';

export class UsersPage {
  constructor(private readonly page: Page) {}

  async add(u: { name: string; email: string; password: string; role: string; member: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add user' }).first().click();
    const form = this.page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Name').fill(u.name);
    await form.getByLabel('Email').fill(u.email);
    await form.getByLabel('Role').selectOption({ label: u.role });
    await form.getByLabel('Member').selectOption({ label: u.member });
    await form.getByLabel('First password').fill(u.password);
    await form.getByRole('button', { name: 'Add user' }).click();
    await this.page.getByRole('cell', { name: u.email, exact: true }).waitFor();
  }
}

export class MyCamerasPage {
  constructor(private readonly page: Page) {}

  async waitForCameras(n: number): Promise<void> {
    await this.page.getByRole('heading', { name: 'My cameras', level: 1 }).waitFor();
    await this.page.waitForFunction((count) => document.querySelectorAll('.cards > li').length >= count, n);
  }

  private card(name: string) {
    return this.page.getByRole('article', { name });
  }

  async confirmPublicView(name: string): Promise<void> {
    await this.card(name).getByRole('button', { name: 'Yes, it sees public space only' }).click();
    await this.card(name).getByText('You confirmed it sees public space only.').waitFor();
  }

  async chooseSharing(name: string, label: string): Promise<void> {
    const card = this.card(name);
    await card.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
    await card.getByRole('button', { name: 'Save my choice' }).click();
    await card.getByText('Saved.').waitFor();
  }
}
