import { describe, expect, it } from 'vitest';
import { cameraInputSchema } from '../camera.ts';
import { distanceM } from '../geo.ts';
import { matchPlate } from '../plates.ts';
import { vehicleEventSchema } from '../vehicle-event.ts';
import { createRandom, diurnalFactor, generateNetwork, generateVehicleEvents, randomPlate, readPlate, type SyntheticVehicleEvent } from './index.ts';

const day = 24 * 3600_000;
const from = Date.UTC(2026, 10, 3, 6); // Tuesday 00:00 in St. Louis (UTC−6)

describe('createRandom', () => {
  it('is deterministic per seed and draws sensible distributions', () => {
    const a = createRandom('x');
    const b = createRandom('x');
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    expect(createRandom('y').next()).not.toBe(createRandom('x').next());
    const r = createRandom(7);
    const draws = Array.from({ length: 20_000 }, () => r.poisson(4));
    expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(4, 0);
    expect(Array.from({ length: 1000 }, () => r.int(0, 3)).every((x) => x >= 0 && x < 3)).toBe(true);
  });
});

describe('generateNetwork', () => {
  const net = generateNetwork({ seed: 11, cameras: 300 });

  it('is pure: same seed, same network; another seed, another network', () => {
    expect(generateNetwork({ seed: 11, cameras: 300 })).toEqual(net);
    expect(generateNetwork({ seed: 12, cameras: 300 }).cameras[0]).not.toEqual(net.cameras[0]);
  });

  it('places exactly the cameras asked for, near the centre, with valid registry fields', () => {
    expect(net.cameras).toHaveLength(300);
    const memberIds = new Set(net.members.map((m) => m.id));
    const siteIds = new Set(net.sites.map((s) => s.id));
    for (const c of net.cameras) {
      expect(distanceM(c, net.centre)).toBeLessThan(1500);
      expect(memberIds.has(c.memberId) && siteIds.has(c.siteId)).toBe(true);
      expect(cameraInputSchema.safeParse(c).success).toBe(true);
    }
    expect(new Set(net.cameras.map((c) => c.id)).size).toBe(300);
  });

  it('has St. Louis streets, their intersections and every kind of member', () => {
    const names = net.streets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Gravois Ave', 'Chippewa St', 'Grand Blvd']));
    expect(net.intersections.some((i) => i.streets.includes('Gravois Ave') && i.streets.includes('Chippewa St'))).toBe(true);
    expect(new Set(net.members.map((m) => m.kind))).toEqual(new Set(['network_admin', 'agency', 'vendor', 'business', 'resident']));
    expect(new Set(net.cameras.map((c) => c.mountType)).size).toBeGreaterThanOrEqual(4);
  });
});

describe('readPlate and randomPlate', () => {
  it('makes US-like plates and misreads a share that confusion-aware matching mostly recovers', () => {
    const rnd = createRandom(5);
    let misread = 0;
    let recovered = 0;
    for (let i = 0; i < 4000; i++) {
      const plate = randomPlate(rnd);
      expect(plate).toMatch(/^[A-Z0-9]{6,7}$/);
      const read = readPlate(rnd, plate, 0.5);
      expect(read.chars.map((c) => c.c).join('')).toBe(read.text);
      if (read.text === plate) continue;
      misread++;
      if (matchPlate(plate, read.text)) recovered++;
    }
    expect(misread / 4000).toBeGreaterThan(0.4);
    expect(recovered / misread).toBeGreaterThan(0.8);
  });
});

describe('generateVehicleEvents', () => {
  const net = generateNetwork({ seed: 3, cameras: 80 });
  const events: SyntheticVehicleEvent[] = [...generateVehicleEvents({ seed: 4, cameras: net.cameras, from, to: from + day })];

  it('streams valid events in time order inside the window, deterministically', () => {
    expect(events.length).toBeGreaterThan(5000);
    for (let i = 1; i < events.length; i++) expect(events[i]!.startedAt >= events[i - 1]!.startedAt).toBe(true);
    expect(Date.parse(events[0]!.startedAt)).toBeGreaterThanOrEqual(from);
    expect(Date.parse(events.at(-1)!.startedAt)).toBeLessThan(from + day);
    for (const e of events.slice(0, 200)) expect(vehicleEventSchema.safeParse(e).success).toBe(true);
    const again = generateVehicleEvents({ seed: 4, cameras: net.cameras, from, to: from + day });
    expect(again.next().value).toEqual(events[0]);
  });

  it('follows the diurnal curve and carries more traffic on arterials', () => {
    const hourOf = (e: SyntheticVehicleEvent) => (new Date(e.startedAt).getUTCHours() + 18) % 24;
    const at = (h: number) => events.filter((e) => hourOf(e) === h).length;
    expect(at(17) / at(3)).toBeGreaterThan(5);
    expect(diurnalFactor(from + 17 * 3600_000)).toBeGreaterThan(diurnalFactor(from + 3 * 3600_000));
    const perCamera = (arterial: boolean) => {
      const ids = new Set(net.cameras.filter((c) => c.arterial === arterial).map((c) => c.id));
      return events.filter((e) => ids.has(e.cameraId)).length / ids.size;
    };
    expect(perCamera(true) / perCamera(false)).toBeGreaterThan(3);
  });

  it('draws colours and types from US fleet priors, with some OCR noise and unreadable plates', () => {
    const share = (f: (e: SyntheticVehicleEvent) => boolean) => events.filter(f).length / events.length;
    expect(share((e) => e.truth.colour === 'white')).toBeGreaterThan(0.18);
    expect(share((e) => e.truth.colour === 'purple')).toBeLessThan(0.02);
    expect(share((e) => e.truth.type === 'suv')).toBeGreaterThan(0.2);
    const reads = events.filter((e) => e.plate);
    const noisy = reads.filter((e) => e.plate!.text !== e.truth.plate).length / reads.length;
    expect(noisy).toBeGreaterThan(0.04);
    expect(noisy).toBeLessThan(0.15);
    expect(share((e) => e.plate === null)).toBeGreaterThan(0.05);
    expect(share((e) => e.source === 'camera-ai')).toBeGreaterThan(0.02);
  });

  it('has returning vehicles that travel between cameras at city speeds', () => {
    const byVehicle = new Map<string, SyntheticVehicleEvent[]>();
    for (const e of events) byVehicle.set(e.truth.vehicleId, [...(byVehicle.get(e.truth.vehicleId) ?? []), e]);
    const travellers = [...byVehicle.values()].filter((list) => new Set(list.map((e) => e.cameraId)).size >= 3);
    expect(travellers.length).toBeGreaterThan(50);
    const cams = new Map(net.cameras.map((c) => [c.id, c]));
    const [a, b] = travellers[0]!;
    const speed = distanceM(cams.get(a!.cameraId)!, cams.get(b!.cameraId)!) / ((Date.parse(b!.startedAt) - Date.parse(a!.startedAt)) / 1000);
    expect(speed).toBeLessThan(40);
  });
});
