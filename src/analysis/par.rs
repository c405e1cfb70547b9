//! A parallel map over a slice on the machine's cores (scoped threads, no
//! pool): the analysis frames posts and judges clauses independently, and
//! each thread works on its own clone of any mutable state (a `Framer`).

/// At most this many threads.
const MAX_THREADS: usize = 8;

/// `items.iter().map(|x| f(&mut state, x))` in order, on up to as many threads
/// as the machine has cores, each with its own clone of `state`.
pub(crate) fn map<T, S, R>(items: &[T], state: &S, f: impl Fn(&mut S, &T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    S: Clone + Send,
    R: Send,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(MAX_THREADS);
    if threads < 2 || items.len() < 2 {
        let mut s = state.clone();
        return items.iter().map(|x| f(&mut s, x)).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let mut s = state.clone();
                scope.spawn(move || part.iter().map(|x| f(&mut s, x)).collect::<Vec<R>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_and_state_per_thread() {
        let items: Vec<u32> = (0..10_000).collect();
        let out = super::map(&items, &0u64, |seen, x| {
            *seen += 1;
            x * 2
        });
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u32], &(), |(), x| *x).is_empty());
    }
}
