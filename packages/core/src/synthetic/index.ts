/** Seeded synthetic data for demos, tests and benchmarks: a camera network and its vehicle events. */
export * from './random.ts';
export * from './network.ts';
export * from './plate-reads.ts';
export * from './vehicle-events.ts';
export { createNeighbourFinder, type Neighbour } from './neighbours.ts';
