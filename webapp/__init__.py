"""gonghui's website and command line (the layer above `indexer`)."""
