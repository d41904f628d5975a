# Benchmarks reuse the test suite's fixtures and factories.
from tests.conftest import *  # noqa: F403
