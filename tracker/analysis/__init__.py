"""Pure analysis: store rows -> daily DataFrame -> results. The only home of pandas,
statsmodels and scipy in the package; import the submodules you need."""

import os

# The trigger model's linear algebra is many small, tall problems (days x a few dozen
# columns). OpenBLAS's threads make those up to 10x slower on a busy two-core machine (ten
# years of diary: 6.3 s threaded, 0.7 s on one thread), so unless the person chose
# otherwise numpy gets one thread. It must be set before numpy loads, which the analysis
# defers to its first use.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
