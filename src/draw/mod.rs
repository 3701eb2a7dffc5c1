//! Drawing: a laid-out scene to SVG (plotters) and PNG (resvg).
