const a = 1;
export { a as default, a };