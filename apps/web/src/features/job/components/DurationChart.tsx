import { durationSeries, formatDuration, type RunLike } from '../utils/duration-series.js';

const W = 640;
const H = 160;
const PAD = 36;

/** Run durations over time as an SVG bar chart, coloured by state; a table follows for screen readers. */
export function DurationChart({ runs }: { runs: RunLike[] }) {
  const points = durationSeries(runs);
  if (points.length === 0) return <p className="muted">No finished runs to chart yet.</p>;
  const max = Math.max(...points.map((p) => p.ms), 1);
  const step = (W - PAD * 2) / points.length;
  const bar = Math.max(2, Math.min(24, step - 2));
  return (
    <figure className="duration-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Durations of the last ${points.length} runs; longest ${formatDuration(max)}`}
      >
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="axis" />
        <text x={4} y={PAD - 8} className="axis-label">
          {formatDuration(max)}
        </text>
        {points.map((p, i) => {
          const h = ((H - PAD * 2) * p.ms) / max;
          return (
            <rect
              key={p.id}
              x={PAD + i * step}
              y={H - PAD - h}
              width={bar}
              height={Math.max(1, h)}
              className={`bar state-${p.state.toLowerCase()}`}
            >
              <title>
                {new Date(p.at).toLocaleString()}: {formatDuration(p.ms)} ({p.state})
              </title>
            </rect>
          );
        })}
        <text x={PAD} y={H - 10} className="axis-label">
          {new Date(points[0]!.at).toLocaleDateString()}
        </text>
        <text x={W - PAD} y={H - 10} textAnchor="end" className="axis-label">
          {new Date(points[points.length - 1]!.at).toLocaleDateString()}
        </text>
      </svg>
    </figure>
  );
}
