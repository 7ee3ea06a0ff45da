import './civic-app';
