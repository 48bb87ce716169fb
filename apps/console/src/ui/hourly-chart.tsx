"use client";

interface Hour {
  hour: number;
  approved: number;
  declined: number;
}

const WIDTH = 720;
const HEIGHT = 200;
const AXIS = 22;
const LEFT = 32;
const label = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/**
 * Authorizations per hour, approved stacked under declined: plain SVG (no chart library for one
 * chart), with the same figures as a table for screen readers and anyone who prefers numbers.
 */
export function HourlyChart({ hours, caption }: { hours: Hour[]; caption: string }) {
  const most = Math.max(1, ...hours.map((hour) => hour.approved + hour.declined));
  const slot = (WIDTH - LEFT) / hours.length;
  const scale = (count: number) => (count / most) * (HEIGHT - AXIS - 8);
  const total = hours.reduce((sum, hour) => sum + hour.approved + hour.declined, 0);
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${caption}: ${total} decided in all; the table below has each hour.`}
      >
        <line x1={LEFT} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="axis" />
        <text x={LEFT - 6} y={12} className="tick" textAnchor="end">
          {most}
        </text>
        <text x={LEFT - 6} y={HEIGHT - AXIS} className="tick" textAnchor="end">
          0
        </text>
        {hours.map((hour, index) => {
          const x = LEFT + index * slot + slot * 0.15;
          const width = slot * 0.7;
          const approved = scale(hour.approved);
          const declined = scale(hour.declined);
          const bottom = HEIGHT - AXIS;
          return (
            <g key={hour.hour}>
              <rect x={x} y={bottom - approved} width={width} height={approved} className="approved" />
              <rect x={x} y={bottom - approved - declined} width={width} height={declined} className="declined" />
              {hour.hour % 3 === 0 ? (
                <text x={x + width / 2} y={HEIGHT - 6} className="tick" textAnchor="middle">
                  {label(hour.hour)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <p className="legend" aria-hidden="true">
        <span className="swatch approved" /> Approved <span className="swatch declined" /> Declined
      </p>
      <details>
        <summary>Show as a table</summary>
        <table className="table" aria-label="Authorizations by hour">
          <thead>
            <tr>
              <th scope="col">Hour</th>
              <th scope="col">Approved</th>
              <th scope="col">Declined</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((hour) => (
              <tr key={hour.hour}>
                <th scope="row">{label(hour.hour)}</th>
                <td>{hour.approved}</td>
                <td>{hour.declined}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
