/** Arrow heads for flows, defined once for the whole canvas. */
export function ArrowDefs() {
  return (
    <svg className="kk-defs" aria-hidden="true" width="0" height="0">
      <defs>
        <marker
          id="kk-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#57606a" />
        </marker>
        <marker
          id="kk-arrow-kv"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#bc4c00" />
        </marker>
      </defs>
    </svg>
  );
}
