"""Training the two models: reading labelled data, splitting, fitting, reporting.

Installed with the package; needs the ``train`` extra (``datasets``, matplotlib).
The ``reliability train`` command imports it lazily, so scoring never does.
"""
