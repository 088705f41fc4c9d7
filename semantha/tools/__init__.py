"""Tools beside the runtime: the sample generator, labelled datasets, evaluation, text metrics.

The service never imports them; the CLI's ``samples``, ``train`` and ``evaluate``
commands and the benchmarks do. What only they need is the ``tools`` extra
(``pip install 'semantha[tools]'``).
"""
