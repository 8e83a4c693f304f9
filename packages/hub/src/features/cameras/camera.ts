import type { CameraStatus, PictureCheck, SharingMode } from '@camnet/core';

/** A camera as stored; the stream URL is sealed (encrypted) and never presented. */
export interface Camera {
  id: string;
  siteId: string;
  memberId: string;
  edgeId: string | null;
  name: string;
  lat: number;
  lon: number;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  mountType: string;
  sharingMode: SharingMode;
  retentionDays: number;
  maskMode: string;
  privacyMasks: [number, number][][];
  streamUrlSealed: string | null;
  publicViewAttested: boolean;
  status: CameraStatus;
  lastFrameAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the edge's vision last said about the picture (plates clipped by overexposure), and when; null until it has. */
  pictureCheck: (PictureCheck & { at: string }) | null;
}

/** The public view: the stream URL is reduced to whether one is set. */
export function presentCamera(c: Camera) {
  const { streamUrlSealed, ...rest } = c;
  return { ...rest, hasStreamUrl: streamUrlSealed !== null };
}

/** Fields of the compact map form, in row order. */
export const MAP_FIELDS = ['id', 'lat', 'lon', 'headingDeg', 'fovDeg', 'rangeM', 'status', 'sharingMode', 'name'] as const;
export type MapRow = [string, number, number, number, number, number, string, string, string];
