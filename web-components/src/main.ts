import './platform/civic-app';
