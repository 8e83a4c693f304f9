/** The vehicle types camnet describes (DESIGN.md §4). */
export const VEHICLE_TYPES = ['car', 'suv', 'pickup', 'van', 'truck', 'bus', 'motorcycle', 'bicycle', 'unknown'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

/** The colour vocabulary; pairs in COLOUR_NEIGHBOURS are defensible alternates of each other. */
export const COLOURS = ['white', 'black', 'gray', 'silver', 'red', 'blue', 'green', 'yellow', 'orange', 'brown', 'beige', 'gold', 'purple'] as const;
export type Colour = (typeof COLOURS)[number];

export const COLOUR_NEIGHBOURS: Readonly<Record<Colour, readonly Colour[]>> = {
  white: ['silver'],
  black: ['gray'],
  gray: ['silver', 'black'],
  silver: ['gray', 'white'],
  red: ['orange', 'purple'],
  blue: ['purple'],
  green: [],
  yellow: ['gold', 'orange'],
  orange: ['red', 'yellow'],
  brown: ['beige', 'gold'],
  beige: ['brown', 'gold', 'silver'],
  gold: ['beige', 'yellow', 'brown'],
  purple: ['blue', 'red'],
};
