import { useQueries, useQuery } from '@tanstack/react-query';
import { geoConicEqualArea, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { type KeyboardEvent, type RefObject, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth 1:50m country borders (public domain), pre-built as TopoJSON by world-atlas; bundled, never fetched.
import world from 'world-atlas/countries-50m.json';
import { api, query } from '../api/client.js';
import type { EventList, EventPlaces } from '../api/types.js';
import { useFocusLater } from '../focus-later.js';
import { useFormat } from '../format.js';
import { type Cluster, clusterPoints, type LabelPlace, type PlacePoint, placeLabels } from './map-clusters.js';
import { useRecordLabels } from './record-labels.js';
import { EmptyState, ErrorState, Loading } from './states.js';

const WIDTH = 960;
const HEIGHT = 560;
const PAD = 36;
/** Markers closer than this (in map pixels) are drawn as one cluster. */
const CLUSTER_RADIUS = 26;
const RUSSIA = '643';

const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
const russia = countries.features.find((f) => String(f.id) === RUSSIA) as Feature<Geometry> | undefined;

/** A conic equal-area projection centred on Russia, fitted to the points' bounds (or all of Russia). */
function makeProjection(points: PlacePoint[], zoomToPoints: boolean) {
  const projection = geoConicEqualArea().parallels([52, 64]).rotate([-100, 0]);
  const extent: [[number, number], [number, number]] = [
    [PAD, PAD],
    [WIDTH - PAD, HEIGHT - PAD],
  ];
  if (zoomToPoints && points.length > 0) {
    let [west, east, south, north] = [180, -180, 90, -90];
    for (const p of points) {
      west = Math.min(west, p.lon);
      east = Math.max(east, p.lon);
      south = Math.min(south, p.lat);
      north = Math.max(north, p.lat);
    }
    // A margin around the points, and one city alone would be an infinite zoom: at least ~8° by 4° around them.
    const [cx, cy] = [(west + east) / 2, (south + north) / 2];
    const halfLon = Math.max(((east - west) / 2) * 1.2, 4);
    const halfLat = Math.max(((north - south) / 2) * 1.3, 2);
    projection.fitExtent(extent, {
      type: 'MultiPoint',
      coordinates: [
        [cx - halfLon, cy - halfLat],
        [cx + halfLon, cy + halfLat],
        [cx - halfLon, cy + halfLat],
        [cx + halfLon, cy - halfLat],
      ],
    });
  } else if (russia) projection.fitExtent(extent, russia);
  projection.clipExtent([
    [0, 0],
    [WIDTH, HEIGHT],
  ]);
  return projection;
}

/**
 * The events on an offline map of Russia and its neighbours, clustered by place, with the table's filters. A marker
 * opens its panel with the keyboard on the panel's heading; Close or Escape closes it and gives the keyboard back to
 * the marker that opened it.
 */
export default function EventsMap({ filters }: { filters: Record<string, string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [zoomToPoints, setZoomToPoints] = useState(true);
  const [selected, setSelected] = useState<string | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const focusLater = useFocusLater();
  const open = (key: string) => {
    setSelected(key);
    focusLater(() => panelHeading.current);
  };
  const close = () => {
    const opener = selected;
    setSelected(null);
    if (opener !== null) focusLater(() => svg.current?.querySelector<SVGGElement>(`g.map__marker[data-key="${CSS.escape(opener)}"]`));
  };
  const points = useQuery({
    queryKey: ['events', 'places', filters],
    queryFn: ({ signal }) => api<EventPlaces>(`/api/v1/events/places${query(filters)}`, { signal }),
  });
  const places = points.data?.places ?? [];
  const projection = useMemo(() => makeProjection(places, zoomToPoints), [places, zoomToPoints]);
  const shapes = useMemo(() => {
    const path = geoPath(projection);
    return countries.features.map((f) => ({ id: String(f.id ?? f.properties.name), d: path(f) ?? '', russia: String(f.id) === RUSSIA }));
  }, [projection]);
  const clusters = useMemo(() => {
    const projected = places.flatMap((p) => {
      const xy = projection([p.lon, p.lat]);
      return xy ? [{ ...p, x: xy[0], y: xy[1] }] : [];
    });
    return clusterPoints(projected, CLUSTER_RADIUS);
  }, [places, projection]);
  const current = clusters.find((c) => c.key === selected) ?? null;

  if (points.isPending) return <Loading />;
  if (points.isError) return <ErrorState error={points.error} onRetry={() => void points.refetch()} />;
  const { total, located } = points.data;
  const labelOf = (c: Cluster) =>
    t('events.markerLabel', {
      places: c.places.map((p) => p.name).join(', '),
      count: c.count,
    });
  const onKey = (event: KeyboardEvent, key: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(key);
    }
  };
  const maxCount = Math.max(1, ...clusters.map((c) => c.count));
  const radiusOf = (count: number) => 8 + 16 * Math.sqrt(count / maxCount);
  const nameOf = (c: Cluster) =>
    c.places.length === 1 ? (c.places[0]?.name ?? '') : t('events.clusterName', { name: c.places[0]?.name, more: c.places.length - 1 });
  // Names are placed busiest first (the clusters' order), each where it covers no other marker or name.
  const labelPlaces = placeLabels(
    clusters.map((c) => ({ key: c.key, x: c.x, y: c.y, r: radiusOf(c.count), text: nameOf(c) })),
    { width: WIDTH, height: HEIGHT },
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the open panel from anywhere in the map
    <div
      className="events-map"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && selected !== null) {
          e.preventDefault();
          close();
        }
      }}
    >
      <p className="muted" aria-live="polite">
        {t('events.mapSummary', { located: format.number(located), total: format.number(total), count: located })}
      </p>
      {places.length === 0 ? <EmptyState title={t('events.mapEmpty')} /> : null}
      <div className="events-map__tools">
        <button type="button" className="button button--secondary button--small" aria-pressed={!zoomToPoints} onClick={() => setZoomToPoints((z) => !z)}>
          {zoomToPoints ? t('events.showAllRussia') : t('events.zoomToEvents')}
        </button>
      </div>
      <svg ref={svg} className="events-map__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={t('events.mapLabel', { count: clusters.length })}>
        <rect className="map__sea" x="0" y="0" width={WIDTH} height={HEIGHT} />
        <g aria-hidden="true">
          {shapes.map((s) => (
            <path key={s.id} d={s.d} className={s.russia ? 'map__land map__land--ru' : 'map__land'} />
          ))}
        </g>
        <g>
          {clusters.map((c) => (
            // biome-ignore lint/a11y/useSemanticElements: an SVG marker cannot be a <button>; it has the role, focus and keys of one
            <g
              key={c.key}
              className={`map__marker${c.key === selected ? ' is-selected' : ''}`}
              transform={`translate(${c.x.toFixed(1)} ${c.y.toFixed(1)})`}
              role="button"
              tabIndex={0}
              aria-label={labelOf(c)}
              aria-pressed={c.key === selected}
              data-places={c.places.map((p) => p.name).join('|')}
              data-key={c.key}
              onClick={() => open(c.key)}
              onKeyDown={(e) => onKey(e, c.key)}
            >
              <circle r={radiusOf(c.count).toFixed(1)} />
              <text className="map__count" dy="0.35em" textAnchor="middle" aria-hidden="true">
                {format.number(c.count)}
              </text>
              <MarkerName cluster={c} name={nameOf(c)} place={labelPlaces.get(c.key) ?? null} />
            </g>
          ))}
        </g>
      </svg>
      <p className="map-credit">{t('events.mapCredit')}</p>
      {current ? <ClusterPanel cluster={current} filters={filters} onClose={close} headingRef={panelHeading} /> : null}
    </div>
  );
}

/** A marker's name where placeLabels put it; a name with no room is its tooltip instead. */
function MarkerName({ cluster, name, place }: { cluster: Cluster; name: string; place: LabelPlace | null }) {
  if (place === null) return <title>{name}</title>;
  return (
    <text className="map__label" data-key={cluster.key} x={place.x.toFixed(1)} y={place.y.toFixed(1)} dy="0.35em" textAnchor={place.anchor} aria-hidden="true">
      {name}
    </text>
  );
}

/** The places of a clicked marker, each with its events and a link to the table filtered to that place. */
function ClusterPanel({
  cluster,
  filters,
  onClose,
  headingRef,
}: {
  cluster: Cluster;
  filters: Record<string, string>;
  onClose: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const shown = cluster.places.slice(0, 8);
  const lists = useQueries({
    queries: shown.map((p) => ({
      queryKey: ['events', 'list', { ...filters, placeId: p.id }, 'map'],
      queryFn: ({ signal }: { signal: AbortSignal }) => api<EventList>(`/api/v1/events${query({ ...filters, placeId: p.id, limit: 10 })}`, { signal }),
    })),
  });
  const tableLink = (placeId: string) => `/events${query({ ...filters, placeId })}`;
  return (
    <section className="map-panel" aria-labelledby="map-panel-title">
      <h2 id="map-panel-title" ref={headingRef} tabIndex={-1}>{t('events.atMarker', { count: cluster.count, places: cluster.places.map((p) => p.name).join(', ') })}</h2>
      {shown.map((p, i) => {
        const list = lists[i];
        return (
          <div key={p.id} className="map-panel__place">
            <h3>
              {p.name}
              {p.region && p.region !== p.name ? <span className="muted"> · {p.region}</span> : null}{' '}
              <span className="muted">({t('events.count', { count: p.count })})</span>
            </h3>
            {list?.data ? (
              <ul className="plain-list">
                {list.data.items.map((e) => (
                  <li key={e.id}>
                    {e.date ? format.partialDate(e.date) : t('person.undated')} · <strong>{labels.eventType(e.type)}</strong>
                    {e.persons.length > 0 ? ` · ${e.persons.map((x) => x.name).join(', ')}` : ''}
                    {e.case ? (
                      <>
                        {' · '}
                        <Link to={`/cases/${e.case.id}`}>{e.case.name}</Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <Loading />
            )}
            <p>
              <Link to={tableLink(p.id)}>{t('events.showInTable', { place: p.name })}</Link>
            </p>
          </div>
        );
      })}
      {cluster.places.length > shown.length ? <p className="muted">{t('events.morePlaces', { count: cluster.places.length - shown.length })}</p> : null}
      <button type="button" className="button button--secondary button--small" onClick={onClose}>
        {t('events.closePanel')}
      </button>
    </section>
  );
}
