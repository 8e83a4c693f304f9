/** Word lists and priors for the synthetic generators (South St. Louis flavour; US fleet shares). */
import type { Colour, VehicleType } from '../vehicles.ts';

/** North–south streets, west to east; the first names are used nearest the centre. */
export const NS_STREETS = [
  'Grand Blvd', 'Gravois Ave', 'Compton Ave', 'Nebraska Ave', 'Minnesota Ave', 'Michigan Ave', 'Virginia Ave', 'Oregon Ave',
  'Louisiana Ave', 'Jefferson Ave', 'Texas Ave', 'California Ave', 'Ohio Ave', 'Iowa Ave', 'Pennsylvania Ave', 'Arkansas Ave',
  'Morganford Rd', 'Kingshighway Blvd', 'Hampton Ave', 'Broadway',
] as const;

/** East–west streets, north to south. */
export const EW_STREETS = [
  'Chippewa St', 'Arsenal St', 'Utah St', 'Cherokee St', 'Potomac St', 'Wyoming St', 'Keokuk St', 'Juniata St', 'Pestalozzi St',
  'Winnebago St', 'Miami St', 'Gasconade St', 'Osage St', 'Meramec St', 'Bates St', 'Delor St', 'Itaska St', 'Neosho St',
  'Eichelberger St', 'Loughborough Ave',
] as const;

/** Streets that carry through traffic; others are residential. */
export const ARTERIALS: ReadonlySet<string> = new Set([
  'Grand Blvd', 'Gravois Ave', 'Jefferson Ave', 'Kingshighway Blvd', 'Hampton Ave', 'Broadway', 'Morganford Rd',
  'Chippewa St', 'Arsenal St', 'Cherokee St', 'Meramec St', 'Loughborough Ave',
]);

export const BUSINESS_KINDS = [
  'Hardware', 'Bakery', 'Tavern', 'Auto Repair', 'Pharmacy', 'Laundromat', 'Taqueria', 'Barber Shop', 'Florist', 'Market',
  'Coffee House', 'Bookshop', 'Dental Care', 'Tire & Lube', 'Liquor', 'Pizzeria', 'Salon', 'Antiques', 'Pho House', 'Gym',
] as const;

export const SURNAMES = [
  'Nguyen', 'Schmidt', 'Johnson', 'Garcia', 'Williams', 'Bosnic', 'Hernandez', 'Brown', 'Jones', 'Miller', 'Davis', 'Lopez',
  'Wilson', 'Hadzic', 'Martinez', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Tran', 'Kovac',
] as const;

/** Fixed members every network has: its operator, agencies and security vendors. */
export const FIXED_MEMBERS = [
  { kind: 'network_admin', name: 'South Grand Community Improvement District' },
  { kind: 'agency', name: 'St. Louis Metropolitan Police Department – Real Time Crime Center' },
  { kind: 'agency', name: 'City of St. Louis Street Department' },
  { kind: 'agency', name: 'Metro Transit' },
  { kind: 'vendor', name: 'Gateway Security Services' },
  { kind: 'vendor', name: 'Arch City Alarm Co.' },
  { kind: 'vendor', name: 'Mound City Patrol' },
] as const;

/** US light-vehicle colour shares (rounded, recent fleet surveys). */
export const COLOUR_PRIOR: Readonly<Record<Colour, number>> = {
  white: 25, black: 19, gray: 17, silver: 12, red: 10, blue: 9, brown: 2, beige: 1.5, green: 1.5, gold: 1, yellow: 0.8, orange: 0.7, purple: 0.3,
};

/** Shares of vehicle types seen on city streets. */
export const TYPE_PRIOR: Readonly<Record<Exclude<VehicleType, 'unknown'>, number>> = {
  car: 42, suv: 31, pickup: 15, van: 5, truck: 3, bus: 0.8, motorcycle: 1.7, bicycle: 1.5,
};

/** US-like plate layouts: L letter, D digit (Missouri `AB1C2D` first, then Illinois and others). */
export const PLATE_FORMATS: Readonly<Record<string, number>> = { LLDLDL: 55, LLDDDDD: 20, LLLDDDD: 15, DLLLDDD: 5, LLLDDD: 5 };

/** Relative traffic by local hour of day (weekday): low at 3 a.m., peaks at 8 a.m. and 5 p.m. */
export const DIURNAL_WEEKDAY = [
  0.25, 0.16, 0.12, 0.1, 0.14, 0.35, 0.85, 1.55, 1.75, 1.3, 1.15, 1.2, 1.3, 1.25, 1.3, 1.5, 1.8, 1.85, 1.45, 1.1, 0.9, 0.75, 0.55, 0.38,
] as const;

/** Weekend: later start, no commute peaks. */
export const DIURNAL_WEEKEND = [
  0.4, 0.3, 0.22, 0.15, 0.12, 0.15, 0.25, 0.45, 0.7, 0.95, 1.15, 1.3, 1.35, 1.35, 1.3, 1.3, 1.3, 1.25, 1.15, 1.0, 0.9, 0.8, 0.65, 0.5,
] as const;
