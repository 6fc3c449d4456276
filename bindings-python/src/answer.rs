//! The shape shared by the classes that hold a core answer (`Report`, `MigrationReport`,
//! `Comparison`, `Benchmark`, `Consensus`), written once in [`answer_class!`].
//!
//! Each is an immutable wrapper of a serializable core value (`inner`), equal to another when
//! the values are equal. It gives the value as a dict (`to_dict`) and as JSON (`to_json`), one
//! table of it as a `pandas.DataFrame` (`to_pandas`, built by a function of `carepath._frames`),
//! notebook HTML (`_repr_html_`, built by a function of `carepath._display`), and most of its
//! fields as plain Python values. The module of each class keeps what is specific to it: the
//! docstrings, the other getters, `__repr__`, and the function that makes the answer.

/// Declares a Python class over a core answer: the `#[pyclass]` (module `carepath`, `frozen`,
/// `eq`, deriving `Debug` and `Clone`), equality of the answers, and one `#[pymethods]` block
/// with the shared methods followed by the class's own.
///
/// ```text
/// answer_class! {
///     /// The class's docstring.
///     #[pyclass(name = "Benchmark")]
///     pub(crate) struct PyBenchmark {
///         pub(crate) inner: Benchmark,   // the answer: Serialize + PartialEq, with `to_json()`
///         catalogue: Arc<Catalogue>,     // only with `fn catalogue;` below
///     }
///
///     /// Docstring of the getter `catalogue`: the `Catalogue` the answer was made in.
///     fn catalogue;
///
///     // Getters that give a field of the answer as plain Python values (dicts, lists, str,
///     // numbers, None).
///     fields {
///         /// Docstring of the getter `overall`: `inner.overall`.
///         overall,
///         /// Docstring of the getter `catalogue_ref`: `inner.catalogue`.
///         catalogue_ref = catalogue,
///         /// Docstring of the getter `old` (Python's name): `inner.old`.
///         #[getter(old)]
///         old_snapshot = old,
///     }
///
///     /// Docstring of `to_dict` (`inner` as plain Python values).
///     fn to_dict;
///     /// Docstring of `to_json` (`inner.to_json()`).
///     fn to_json;
///     /// Docstring of `to_pandas`: calls `carepath._frames.benchmark_frame(self, table)`.
///     fn to_pandas(table = "themes") => benchmark_frame;
///     /// Docstring of `_repr_html_`: calls `carepath._display.benchmark_html(self)`.
///     fn _repr_html_() => benchmark_html;
///
///     #[pymethods]
///     impl PyBenchmark {
///         // The class's own methods, as in any `#[pymethods]` block.
///     }
/// }
/// ```
///
/// PyO3 reads one `#[pymethods]` block per class, so the class's own methods go inside the
/// macro rather than in a block of their own.
macro_rules! answer_class {
    (
        $(#[doc = $doc:literal])*
        #[pyclass(name = $name:literal)]
        $vis:vis struct $class:ident { $($struct_fields:tt)* }

        $(
            $(#[doc = $catalogue_doc:literal])*
            fn catalogue;
        )?

        fields {
            $(
                $(#[doc = $field_doc:literal])*
                $(#[getter($python_name:ident)])?
                $getter:ident $(= $field:ident)?,
            )*
        }

        $(#[doc = $to_dict_doc:literal])*
        fn to_dict;
        $(#[doc = $to_json_doc:literal])*
        fn to_json;
        $(#[doc = $to_pandas_doc:literal])*
        // The default table is a `tt`: a `literal` would reach PyO3 wrapped in an invisible
        // group, and `help()` would then show `table=...` instead of the default.
        fn to_pandas(table = $table:tt) => $frame:ident;
        $(
            $(#[doc = $html_doc:literal])*
            fn _repr_html_() => $html:ident;
        )?
        $(documents $documents:ident;)?

        #[pymethods]
        impl $own:ident { $($methods:tt)* }
    ) => {
        $(#[doc = $doc])*
        #[::pyo3::pyclass(name = $name, module = "carepath", frozen, eq)]
        #[derive(Debug, Clone)]
        $vis struct $class { $($struct_fields)* }

        // `impl $own` in the invocation must name this class.
        const _: fn(&$own) -> &$class = |answer| answer;

        impl PartialEq for $class {
            fn eq(&self, other: &Self) -> bool {
                self.inner == other.inner
            }
        }

        #[::pyo3::pymethods]
        impl $class {
            $(
                $(#[doc = $catalogue_doc])*
                #[getter]
                fn catalogue(&self) -> $crate::catalogue::PyCatalogue {
                    $crate::catalogue::PyCatalogue { inner: ::std::sync::Arc::clone(&self.catalogue) }
                }
            )?

            $(
                $(#[doc = $field_doc])*
                #[getter $(($python_name))?]
                fn $getter<'py>(
                    &self,
                    py: ::pyo3::Python<'py>,
                ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::PyAny>> {
                    $crate::convert::to_py(py, $crate::answer::field!(self.inner, $getter $(= $field)?))
                }
            )*

            $(#[doc = $to_dict_doc])*
            fn to_dict<'py>(
                &self,
                py: ::pyo3::Python<'py>,
            ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::PyAny>> {
                $crate::convert::to_py(py, &self.inner)
            }

            $(#[doc = $to_json_doc])*
            fn to_json(&self) -> String {
                self.inner.to_json()
            }

            $(#[doc = $to_pandas_doc])*
            #[pyo3(signature = (table = $table))]
            fn to_pandas<'py>(
                slf: &::pyo3::Bound<'py, Self>,
                table: &str,
            ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::PyAny>> {
                use ::pyo3::types::PyAnyMethods as _;
                slf.py().import("carepath._frames")?.call_method1(stringify!($frame), (slf, table))
            }

            $(
                $(#[doc = $html_doc])*
                fn _repr_html_(slf: &::pyo3::Bound<'_, Self>) -> ::pyo3::PyResult<String> {
                    use ::pyo3::types::PyAnyMethods as _;
                    slf.py().import("carepath._display")?.call_method1(stringify!($html), (slf,))?.extract()
                }
            )?

            $(
                /// The document as one self-contained HTML page, with its charts (no script, no
                /// external fetch): the page ``carepath`` writes on every surface.
                fn to_html(&self) -> String {
                    self.$documents().html()
                }

                /// The document as Markdown, for wikis: the same content as the HTML page.
                fn to_markdown(&self) -> String {
                    self.$documents().markdown()
                }

                /// The document as CSV: a row per item, its kind first (``overall``, ``theme``,
                /// ``standard``, ...), RFC 4180 quoting, cells a spreadsheet would run as a
                /// formula written with a ``'`` in front.
                fn to_csv(&self) -> String {
                    self.$documents().csv()
                }

                /// The notebook view: the HTML page's body, its stylesheet scoped to it.
                fn _repr_html_(&self) -> String {
                    self.$documents().html_fragment()
                }
            )?

            $($methods)*
        }
    };
}

/// The field an entry of `fields { }` gives: the one named after `=`, or else the getter's.
macro_rules! field {
    ($answer:expr, $getter:ident) => {
        &$answer.$getter
    };
    ($answer:expr, $getter:ident = $field:ident) => {
        &$answer.$field
    };
}

pub(crate) use {answer_class, field};
