"""Pure analysis: store rows -> daily DataFrame -> results. The only home of pandas,
statsmodels and scipy in the package; import the submodules you need."""
