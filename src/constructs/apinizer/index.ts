// Constructs for this vendor are exported from here.
export {};
