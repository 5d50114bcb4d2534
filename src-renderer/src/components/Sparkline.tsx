// A small SVG line of recent traffic rates.

export function Sparkline({ values, width = 120, height = 18 }: { values: number[]; width?: number; height?: number }) {
  const max = Math.max(1, ...values);
  const n = Math.max(values.length, 2);
  const pts = values.map((v, i) => `${((i + (n - values.length)) / (n - 1)) * width},${height - 1 - (v / max) * (height - 2)}`);
  return (
    <svg className="spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} className="spark-base" />
      {pts.length > 1 && <polyline points={pts.join(' ')} fill="none" className="spark-line" />}
    </svg>
  );
}
