import type { Foo } from './types';
import { type Bar, Baz } from './more';
let f: Foo | Bar | Baz;
export default () => 'no runtime import';