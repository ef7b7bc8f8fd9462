import {
  get,
  post,
} from 'axios';
get();