import { useTheme } from '@material-ui/core/styles';
import type { TrendPoint } from '@mlsec/plugin-sagemaker-security-common';

/** Describes the trend in words, for screen readers and the tooltip. */
export function describeTrend(points: TrendPoint[]): string {
  const scored = points.filter(point => point.score !== null);
  if (scored.length === 0) {
    return 'No trend yet';
  }
  const first = scored[0];
  const last = scored[scored.length - 1];
  if (scored.length === 1) {
    return `Score ${Math.round(last.score!)} on ${last.date}`;
  }
  return `Score ${Math.round(first.score!)} on ${first.date} to ${Math.round(
    last.score!,
  )} on ${last.date}`;
}

/** A small inline chart of scores over time (0–100). */
export function Sparkline(props: {
  points: TrendPoint[];
  width?: number;
  height?: number;
}) {
  const { points, width = 120, height = 28 } = props;
  const theme = useTheme();
  const description = describeTrend(points);
  const scored = points.filter(point => point.score !== null);
  const pad = 2;
  const step = scored.length > 1 ? (width - 2 * pad) / (scored.length - 1) : 0;
  const coordinates = scored.map((point, index) => {
    const x = pad + index * step;
    const y = pad + (1 - point.score! / 100) * (height - 2 * pad);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={description}
    >
      <title>{description}</title>
      <line
        x1={pad}
        x2={width - pad}
        y1={height - pad}
        y2={height - pad}
        stroke={theme.palette.divider}
      />
      {coordinates.length > 1 && (
        <polyline
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          points={coordinates.join(' ')}
        />
      )}
      {coordinates.length > 0 && (
        <circle
          cx={coordinates[coordinates.length - 1].split(',')[0]}
          cy={coordinates[coordinates.length - 1].split(',')[1]}
          r={2.5}
          fill={theme.palette.primary.main}
        />
      )}
    </svg>
  );
}
