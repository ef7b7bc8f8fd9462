import axios from 'axios';
import * as ns from 'axios';
export default () => [typeof axios, typeof axios.get, typeof ns.default, typeof ns.default.create];