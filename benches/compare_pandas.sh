#!/bin/sh
# Times `ontrack score --forecasts` against pandas + scikit-learn: runs compare_pandas.py beside this
# file (see there), with the same arguments. Skips itself (exit 0) where there is no python3; the
# Python script skips itself where pandas, scikit-learn or numpy is missing.
if ! command -v python3 >/dev/null 2>&1; then
    echo "compare_pandas: skipped, no python3 on this machine"
    exit 0
fi
exec python3 "$(dirname "$0")/compare_pandas.py" "$@"
