/** Page object for the camera map: waits for the data, finds a camera by name, reads the details panel. */
import type { Page } from 'playwright-core';

export class MapPage {
  constructor(private readonly page: Page) {}

  /** Waits until the map has loaded `min` cameras and drawn at least one thing. */
  async waitForCameras(min = 1): Promise<number> {
    const region = this.page.locator('.map[data-cameras]');
    await this.page.waitForFunction((n) => Number(document.querySelector('.map')?.getAttribute('data-cameras') ?? 0) >= n, min);
    await this.page.waitForFunction(() => Number(document.querySelector('.camera-canvas')?.getAttribute('data-drawn') ?? 0) > 0);
    return Number(await region.getAttribute('data-cameras'));
  }

  async find(name: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Find a camera' }).fill(name);
    await this.page.getByRole('list', { name: 'Matching cameras' }).getByRole('button', { name }).click();
  }

  async selectedCameraName(): Promise<string> {
    return (await this.page.getByTestId('selected-camera').getByRole('heading').innerText()).trim();
  }

  /** How many cameras/clusters the canvas drew in its last frame. */
  async drawnCount(): Promise<number> {
    return Number(await this.page.locator('.camera-canvas').getAttribute('data-drawn'));
  }
}
