//! Work split over every core (rayon's pool, started once): contiguous chunks, results in
//! input order, so the outcome never depends on how many cores ran it.

use rayon::prelude::*;

/// How many threads the pool runs at once.
pub fn threads() -> usize {
    rayon::current_num_threads()
}

/// The chunk size that gives every thread a few chunks to balance the load.
fn chunk_size(len: usize) -> usize {
    len.div_ceil(threads() * 4).max(64)
}

/// Applies `work` to contiguous chunks of `items` on every core; `work` receives the index of
/// the chunk's first item. Returns one result per chunk, in order.
pub fn map_chunks<T: Sync, R: Send>(items: &[T], work: impl Fn(usize, &[T]) -> R + Sync) -> Vec<R> {
    let size = chunk_size(items.len());
    if items.len() <= size {
        return vec![work(0, items)];
    }
    items
        .par_chunks(size)
        .enumerate()
        .map(|(n, chunk)| work(n * size, chunk))
        .collect()
}

/// Applies `work` to every item on every core, one task per item (for a few large items);
/// results in order.
pub fn map_each<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    items.par_iter().map(work).collect()
}

/// Applies `work` to every item, which it takes, on every core, one task per item (for a few
/// large items); results in order.
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    items.into_par_iter().map(work).collect()
}

/// Fills `out` on every core: `work` receives the index of its chunk's first item and the
/// chunk to fill. Returns what `work` returned for each chunk, in order.
pub fn fill_chunks<T: Send, R: Send>(
    out: &mut [T],
    work: impl Fn(usize, &mut [T]) -> R + Sync,
) -> Vec<R> {
    fill_blocks(out, 1, work)
}

/// Fills `out`, made of blocks of `block` items, on every core; chunks hold whole blocks.
/// `work` receives the index of its chunk's first block and the chunk to fill. Returns what
/// `work` returned for each chunk, in order.
pub fn fill_blocks<T: Send, R: Send>(
    out: &mut [T],
    block: usize,
    work: impl Fn(usize, &mut [T]) -> R + Sync,
) -> Vec<R> {
    let block = block.max(1);
    let blocks = chunk_size(out.len() / block);
    let size = blocks * block;
    if out.len() <= size {
        return vec![work(0, out)];
    }
    out.par_chunks_mut(size)
        .enumerate()
        .map(|(n, chunk)| work(n * blocks, chunk))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_item_once_in_order() {
        let items: Vec<u32> = (0..1001).collect();
        let sums = map_chunks(&items, |start, chunk| (start, chunk.to_vec()));
        let joined: Vec<u32> = sums.iter().flat_map(|(_, c)| c.iter().copied()).collect();
        assert_eq!(joined, items);
        for (start, chunk) in &sums {
            assert_eq!(chunk[0] as usize, *start);
        }
        let mut out = vec![0usize; 1001];
        fill_chunks(&mut out, |start, chunk| {
            for (i, slot) in chunk.iter_mut().enumerate() {
                *slot = start + i;
            }
        });
        assert!(out.iter().enumerate().all(|(i, v)| i == *v));
        let mut blocks = vec![0usize; 3 * 1001];
        fill_blocks(&mut blocks, 3, |first, chunk| {
            assert_eq!(chunk.len() % 3, 0);
            for (i, slot) in chunk.iter_mut().enumerate() {
                *slot = first + i / 3;
            }
        });
        assert!(blocks.iter().enumerate().all(|(i, v)| i / 3 == *v));
    }
}
