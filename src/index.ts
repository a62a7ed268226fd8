/** credform's public API: the cdktf constructs. Simulators are in `credform/testing`. */
export * from './constructs';
