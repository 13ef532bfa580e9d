//! The functions of JavaScript's `Math` whose results are the engine's own to the last bit: in
//! the worker, the page's (imported, so the index is Supercluster's byte for byte); elsewhere
//! (the server's sketch, the Rust tests), Rust's, which may differ from the browser's in a
//! position's last bit (the sketch is a picture; the page's script draws the map).

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "math")]
extern "C" {
    #[link_name = "sin"]
    fn js_sin(x: f64) -> f64;
    #[link_name = "log"]
    fn js_log(x: f64) -> f64;
    #[link_name = "exp"]
    fn js_exp(x: f64) -> f64;
}

#[cfg(target_arch = "wasm32")]
pub fn sin(x: f64) -> f64 {
    // SAFETY: the worker imports `Math.sin`, a pure function of one number.
    unsafe { js_sin(x) }
}

#[cfg(target_arch = "wasm32")]
pub fn log(x: f64) -> f64 {
    // SAFETY: as `sin`, `Math.log`.
    unsafe { js_log(x) }
}

#[cfg(target_arch = "wasm32")]
pub fn exp(x: f64) -> f64 {
    // SAFETY: as `sin`, `Math.exp`.
    unsafe { js_exp(x) }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn sin(x: f64) -> f64 {
    x.sin()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn log(x: f64) -> f64 {
    x.ln()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn exp(x: f64) -> f64 {
    x.exp()
}
