/** Clustering of the map's markers: plain functions, no DOM, so they are tested on their own. */

export interface PlacePoint {
  id: string;
  name: string;
  region: string | null;
  lat: number;
  lon: number;
  count: number;
}

export interface Cluster {
  key: string;
  x: number;
  y: number;
  count: number;
  places: PlacePoint[];
}

/**
 * Greedy clustering in screen space: the busiest place starts a cluster, and every place within `radius` pixels
 * of a cluster's centre joins it (the centre moves to the count-weighted mean). Deterministic for the same input.
 */
export function clusterPoints(points: Array<PlacePoint & { x: number; y: number }>, radius: number): Cluster[] {
  const sorted = [...points].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  const clusters: Cluster[] = [];
  for (const p of sorted) {
    const near = clusters.find((c) => Math.hypot(c.x - p.x, c.y - p.y) <= radius);
    if (near) {
      const total = near.count + p.count;
      near.x = (near.x * near.count + p.x * p.count) / total;
      near.y = (near.y * near.count + p.y * p.count) / total;
      near.count = total;
      near.places.push(p);
    } else clusters.push({ key: p.id, x: p.x, y: p.y, count: p.count, places: [p] });
  }
  return clusters;
}

export interface LabelledMarker {
  key: string;
  x: number;
  y: number;
  /** the marker's radius */
  r: number;
  text: string;
}

/** Where a marker's name is drawn, relative to the marker's centre (the text's anchor point and alignment). */
export interface LabelPlace {
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const GAP = 4;

/**
 * Names beside markers without one covering another: each marker in turn (give the busiest first) takes the first of
 * right, left, above and below where its name stays on the map and clear of every marker and of the names already
 * placed; a name with no such place is left out (null) — the marker still says it, in its accessible name and its
 * tooltip. Text width is estimated from the character count: `charWidth` em a character.
 * `placeLabels([{ key: 'a', x: 100, y: 100, r: 10, text: 'Уфа' }], { width: 960, height: 560 })`
 * → Map { 'a' => { x: 14, y: 0, anchor: 'start' } }.
 */
export function placeLabels(
  markers: LabelledMarker[],
  bounds: { width: number; height: number },
  font: { size: number; charWidth: number } = { size: 13, charWidth: 0.62 },
): Map<string, LabelPlace | null> {
  const circles: Box[] = markers.map((m) => ({ left: m.x - m.r, top: m.y - m.r, right: m.x + m.r, bottom: m.y + m.r }));
  const placed: Box[] = [];
  const result = new Map<string, LabelPlace | null>();
  markers.forEach((m, index) => {
    const w = m.text.length * font.size * font.charWidth;
    const h = font.size;
    const offset = m.r + GAP;
    const candidates: LabelPlace[] = [
      { x: offset, y: 0, anchor: 'start' },
      { x: -offset, y: 0, anchor: 'end' },
      { x: 0, y: -(offset + h / 2), anchor: 'middle' },
      { x: 0, y: offset + h / 2, anchor: 'middle' },
    ];
    const boxOf = (c: LabelPlace): Box => {
      const left = m.x + c.x - (c.anchor === 'start' ? 0 : c.anchor === 'end' ? w : w / 2);
      return { left, top: m.y + c.y - h / 2, right: left + w, bottom: m.y + c.y + h / 2 };
    };
    const fits = candidates.find((c) => {
      const box = boxOf(c);
      const inside = box.left >= 0 && box.top >= 0 && box.right <= bounds.width && box.bottom <= bounds.height;
      return (
        inside && !placed.some((p) => overlaps(p, box)) && !circles.some((c, i) => i !== index && overlaps(c, box))
      );
    });
    if (fits) placed.push(boxOf(fits));
    result.set(m.key, fits ?? null);
  });
  return result;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
