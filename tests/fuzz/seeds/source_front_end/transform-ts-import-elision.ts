import { A, B } from 'axios';
let a: A = B;