import { describe, expect, it } from 'vitest';
import { clusterPoints, type PlacePoint } from '../../web/src/components/map-clusters.js';

const place = (id: string, x: number, y: number, count: number): PlacePoint & { x: number; y: number } => ({
  id,
  name: id,
  region: null,
  lat: 0,
  lon: 0,
  count,
  x,
  y,
});

describe('clusterPoints', () => {
  it('joins places within the radius into one cluster at their count-weighted centre', () => {
    const clusters = clusterPoints([place('a', 0, 0, 3), place('b', 20, 0, 1), place('c', 100, 100, 2)], 26);
    expect(clusters.map((c) => [c.key, c.count, c.places.map((p) => p.id)])).toEqual([
      ['a', 4, ['a', 'b']],
      ['c', 2, ['c']],
    ]);
    expect(clusters[0]?.x).toBe(5);
    expect(clusters[0]?.y).toBe(0);
  });

  it('keeps places farther apart than the radius separate, and starts clusters at the busiest place', () => {
    const clusters = clusterPoints([place('small', 0, 0, 1), place('big', 30, 0, 5)], 26);
    expect(clusters.map((c) => c.key)).toEqual(['big', 'small']);
    expect(clusterPoints([], 26)).toEqual([]);
  });

  it('gives the same clusters whatever the order of the places', () => {
    const points = [place('a', 0, 0, 2), place('b', 10, 0, 2), place('c', 40, 0, 1), place('d', 200, 0, 1)];
    const keys = (list: typeof points) => clusterPoints(list, 26).map((c) => `${c.key}:${c.count}`);
    expect(keys([...points].reverse())).toEqual(keys(points));
  });
});
