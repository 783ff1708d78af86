/** `ccsim serve`'s page (placeholder until the serve command lands). */
export {};
