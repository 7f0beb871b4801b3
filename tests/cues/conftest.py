import os
import sys

# Let the tests import the shared snippets as `samples`.
sys.path.insert(0, os.path.dirname(__file__))
