"""Tools beside the runtime: the sample generator, evaluation and text metrics.

The service never imports them; the CLI's ``samples`` and ``evaluate`` commands and
the benchmarks do.
"""
