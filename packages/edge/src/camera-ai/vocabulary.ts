import type { Colour, VehicleType } from '@camnet/core';

// Cameras name types and colours in their own words; these tables fold them into camnet's vocabularies
// (core/vehicles.ts). Keys are lower-case words separated by single spaces (see `wordsOf`).

/** Camera vehicle-type words → camnet type; anything not listed becomes `unknown`. */
export const VEHICLE_TYPE_WORDS: Readonly<Record<string, VehicleType>> = {
  car: 'car', sedan: 'car', saloon: 'car', hatchback: 'car', coupe: 'car', wagon: 'car', estate: 'car', convertible: 'car',
  'passenger car': 'car', 'small car': 'car', 'compact car': 'car', vehicle: 'unknown',
  suv: 'suv', 'sport utility': 'suv', 'sport utility vehicle': 'suv', 'sports utility vehicle': 'suv', crossover: 'suv',
  pickup: 'pickup', 'pickup truck': 'pickup', 'pick up': 'pickup', 'pick up truck': 'pickup',
  van: 'van', minivan: 'van', 'mini van': 'van', mpv: 'van', minibus: 'van', 'light van': 'van',
  truck: 'truck', lorry: 'truck', 'heavy truck': 'truck', 'light truck': 'truck', 'box truck': 'truck', semi: 'truck', trailer: 'truck', tractor: 'truck',
  bus: 'bus', coach: 'bus', 'school bus': 'bus',
  motorcycle: 'motorcycle', motorbike: 'motorcycle', 'motor cycle': 'motorcycle', scooter: 'motorcycle', moped: 'motorcycle', 'two wheeler': 'motorcycle',
  bicycle: 'bicycle', bike: 'bicycle', cycle: 'bicycle',
};

/** Camera colour words → camnet colour; anything not listed becomes null (no colour). */
export const COLOUR_WORDS: Readonly<Record<string, Colour>> = {
  white: 'white', black: 'black',
  gray: 'gray', grey: 'gray', 'dark gray': 'gray', 'dark grey': 'gray', 'light gray': 'gray', 'light grey': 'gray', charcoal: 'gray',
  silver: 'silver', red: 'red', 'dark red': 'red', maroon: 'red',
  blue: 'blue', 'dark blue': 'blue', 'light blue': 'blue', navy: 'blue', cyan: 'blue',
  green: 'green', 'dark green': 'green', yellow: 'yellow', orange: 'orange', brown: 'brown',
  beige: 'beige', tan: 'beige', cream: 'beige', gold: 'gold', golden: 'gold', purple: 'purple', violet: 'purple',
};

/** "Sport-utility_Vehicle " → "sport utility vehicle". */
export function wordsOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A camera's vehicle type in camnet's vocabulary (`unknown` when absent or not recognised). */
export function normaliseVehicleType(text: string | null | undefined): VehicleType {
  return text ? (VEHICLE_TYPE_WORDS[wordsOf(text)] ?? 'unknown') : 'unknown';
}

/** A camera's colour in camnet's vocabulary (null when absent or not recognised). */
export function normaliseColour(text: string | null | undefined): Colour | null {
  return text ? (COLOUR_WORDS[wordsOf(text)] ?? null) : null;
}

const COMPASS = ['n', 'nne', 'ne', 'ene', 'e', 'ese', 'se', 'sse', 's', 'ssw', 'sw', 'wsw', 'w', 'wnw', 'nw', 'nnw'];
const COMPASS_WORDS: Readonly<Record<string, string>> = {
  north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', 'north east': 'ne', northwest: 'nw', 'north west': 'nw',
  southeast: 'se', 'south east': 'se', southwest: 'sw', 'south west': 'sw',
  northbound: 'n', southbound: 's', eastbound: 'e', westbound: 'w',
};

/** Degrees clockwise from north from a number or a compass word ("NE", "southbound"); null for in/out/unknown. */
export function normaliseDirection(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? ((value % 360) + 360) % 360 : null;
  const w = wordsOf(value);
  const point = COMPASS_WORDS[w] ?? w.replace(/ /g, '');
  const i = COMPASS.indexOf(point);
  if (i >= 0) return i * 22.5;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? normaliseDirection(n) : null;
}
