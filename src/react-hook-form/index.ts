// Public exports of this area. Filled in by the area as it is built.
export {}
