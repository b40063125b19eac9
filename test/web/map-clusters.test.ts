import { describe, expect, it } from 'vitest';
import { clusterPoints, type PlacePoint, placeLabels } from '../../web/src/components/map-clusters.js';

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

describe('placeLabels', () => {
  const bounds = { width: 960, height: 560 };
  const font = { size: 10, charWidth: 0.5 }; // 5 px a character, 10 px high

  it('puts a lone name to the right of its marker', () => {
    const places = placeLabels([{ key: 'a', x: 100, y: 100, r: 10, text: 'Уфа' }], bounds, font);
    expect(places.get('a')).toEqual({ x: 14, y: 0, anchor: 'start' });
  });

  it('moves a name off a neighbouring marker: to the left, then above, then below', () => {
    const big = { key: 'big', x: 100, y: 100, r: 10, text: 'Екатеринбург' }; // 60 px: right of it runs 114..174
    const east = { key: 'east', x: 150, y: 104, r: 8, text: 'Берёзовский' }; // its circle sits there
    const west = { key: 'west', x: 55, y: 98, r: 8, text: 'Ревда' }; // and this one where the left would run
    const north = { key: 'north', x: 100, y: 80, r: 6, text: 'Верхняя Пышма' };
    expect(placeLabels([big, east], bounds, font).get('big')).toEqual({ x: -14, y: 0, anchor: 'end' });
    expect(placeLabels([big, east, west], bounds, font).get('big')).toEqual({ x: 0, y: -19, anchor: 'middle' });
    expect(placeLabels([big, east, west, north], bounds, font).get('big')).toEqual({ x: 0, y: 19, anchor: 'middle' });
    expect(placeLabels([big, east], bounds, font).get('east')).toEqual({ x: 12, y: 0, anchor: 'start' });
  });

  it('keeps every name on the map, taking the left side at its right edge', () => {
    const places = placeLabels([{ key: 'edge', x: 950, y: 300, r: 6, text: 'Владивосток' }], bounds, font);
    expect(places.get('edge')).toEqual({ x: -10, y: 0, anchor: 'end' });
  });

  it('leaves out a name that has nowhere to go, and never lets two placed names overlap', () => {
    const crowd = Array.from({ length: 30 }, (_, i) => ({
      key: `p${i}`,
      x: 300 + (i % 6) * 22,
      y: 200 + Math.floor(i / 6) * 22,
      r: 8,
      text: 'Населённый пункт',
    }));
    const places = placeLabels(crowd, bounds, font);
    const shown = crowd.filter((m) => places.get(m.key) !== null);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(crowd.length);
    const boxes = shown.map((m) => {
      const p = places.get(m.key)!;
      const w = m.text.length * 5;
      const left = m.x + p.x - (p.anchor === 'start' ? 0 : p.anchor === 'end' ? w : w / 2);
      return { left, right: left + w, top: m.y + p.y - 5, bottom: m.y + p.y + 5 };
    });
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap).toBe(false);
      }
    }
  });
});
