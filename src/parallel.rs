//! Work split over the cores: one chunk per core, each on its own thread (the first on the
//! calling one), results in chunk order, so the outcome is the same as on one thread.

/// Below this many items, work stays on one thread: starting another costs more than it saves.
const PARALLEL_FROM: usize = 8_192;

/// One thread per core, at most 8. Asked once: on Linux the answer comes from reading cgroup
/// files, which costs more than scoring the built-in catalog.
fn worker_threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()).min(8))
}

/// The chunk size [`map_chunks`] uses for `len` items (at least 1).
pub(crate) fn chunk_size(len: usize) -> usize {
    let threads = worker_threads();
    if threads < 2 || len < PARALLEL_FROM {
        len.max(1)
    } else {
        len.div_ceil(threads)
    }
}

/// `map` applied to each chunk of [`chunk_size`] items, in parallel, results in order.
pub(crate) fn map_chunks<T: Sync, R: Send>(items: &[T], map: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let size = chunk_size(items.len());
    if size >= items.len() {
        return vec![map(items)];
    }
    let map = &map;
    std::thread::scope(|scope| {
        let mut chunks = items.chunks(size);
        let first = chunks.next().unwrap_or_default();
        let others: Vec<_> = chunks.map(|chunk| scope.spawn(move || map(chunk))).collect();
        let mut results = vec![map(first)];
        // A worker only panics where this thread would have too; pass the panic on.
        results.extend(others.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))));
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_chunk_order_and_cover_every_item() {
        let items: Vec<u32> = (0..50_000).collect();
        let chunks: Vec<Vec<u32>> = map_chunks(&items, |chunk| chunk.to_vec());
        assert_eq!(chunks.concat(), items);
        assert_eq!(map_chunks(&items[..10], |chunk| chunk.len()), vec![10]);
        assert_eq!(map_chunks::<u32, usize>(&[], |chunk| chunk.len()), vec![0]);
    }
}
