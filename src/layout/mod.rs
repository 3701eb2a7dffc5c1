//! Layout: from an incident to a scene of positioned boxes, markers and labels. Pure geometry.
