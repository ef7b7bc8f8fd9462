export { default as client } from 'axios';
export * as http from 'axios';
export default () => 'main';