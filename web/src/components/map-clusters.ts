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
