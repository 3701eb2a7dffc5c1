//! The one call most users want: incident in, SVG or PNG bytes out.
