//! The zeroed pixel buffer a PNG is drawn into: about 10 MB for a chart at scale 2. Faulting that
//! in 4 KiB at a time cost about a sixth of a one-chart PNG run here (2,400 page faults, each
//! zeroing a page); on Linux the buffer is an anonymous mapping, aligned to 2 MiB and advised to
//! use transparent huge pages, which takes a few faults instead. Where huge pages are off, or on
//! other systems, it is an ordinary zeroed allocation.

/// Bytes for a canvas, zeroed (transparent black, as a new tiny-skia pixmap is).
pub(super) struct Canvas {
    /// The mapping and the aligned range of it that is the canvas.
    #[cfg(target_os = "linux")]
    map: Option<(memmap2::MmapMut, std::ops::Range<usize>)>,
    vec: Vec<u8>,
}

/// A transparent huge page on x86-64 and most Linux targets.
#[cfg(target_os = "linux")]
const HUGE: usize = 2 << 20;

impl Canvas {
    /// `len` zeroed bytes.
    pub(super) fn zeroed(len: usize) -> Canvas {
        #[cfg(target_os = "linux")]
        if len >= HUGE {
            if let Ok(map) = memmap2::MmapMut::map_anon(len + HUGE) {
                let offset = (HUGE - map.as_ptr() as usize % HUGE) % HUGE;
                // Whole huge pages only, so no page reaches past the canvas (memory stays what
                // the canvas needs). Best effort: without THP the mapping works page by page.
                let _ = map.advise_range(memmap2::Advice::HugePage, offset, len / HUGE * HUGE);
                return Canvas {
                    map: Some((map, offset..offset + len)),
                    vec: Vec::new(),
                };
            }
        }
        Canvas {
            #[cfg(target_os = "linux")]
            map: None,
            vec: vec![0; len],
        }
    }

    pub(super) fn bytes(&self) -> &[u8] {
        #[cfg(target_os = "linux")]
        if let Some((map, range)) = &self.map {
            return &map[range.clone()];
        }
        &self.vec
    }

    pub(super) fn bytes_mut(&mut self) -> &mut [u8] {
        #[cfg(target_os = "linux")]
        if let Some((map, range)) = &mut self.map {
            return &mut map[range.clone()];
        }
        &mut self.vec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canvases_are_zeroed_and_writable_at_every_size() {
        for len in [0, 4, 4 << 20, (4 << 20) + 12] {
            let mut c = Canvas::zeroed(len);
            assert_eq!(c.bytes().len(), len);
            assert!(c.bytes().iter().all(|b| *b == 0));
            c.bytes_mut().iter_mut().for_each(|b| *b = 7);
            assert!(c.bytes().iter().all(|b| *b == 7));
        }
    }
}
