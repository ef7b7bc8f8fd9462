import { helper } from './helper';
helper();