"""Media framing and bias analysis.

Importable package behind the ``framing`` command-line tool and the notebooks.
"""
__version__ = "0.1.0"
