"""Which part of the wasm a function is counted under (scripts/wasm_parts.py), on names as rustc
and twiggy write them: `make test-scripts` runs it."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import wasm_parts  # noqa: E402


class Owner(unittest.TestCase):
    def test_a_path_is_counted_under_its_crate_or_its_modules(self):
        name = "tak_core[b399deb3010b88ca]::catalog::stream::read_text"
        self.assertEqual(wasm_parts.owner(name, 1), "tak_core")
        self.assertEqual(wasm_parts.owner(name, 2), "tak_core::catalog")

    def test_an_impl_is_counted_under_its_type(self):
        name = "<tachys[d38115a39803f375]::html::element::HtmlElement<E> as tachys[d38115a39803f375]::view::Render>::build"
        self.assertEqual(wasm_parts.owner(name, 1), "tachys")
        self.assertEqual(wasm_parts.owner("<&mut serde_json[e0a527212400b5e4]::de::Deserializer<R> as Deserializer>::f", 1), "serde_json")

    def test_an_impl_for_any_type_is_counted_under_its_trait(self):
        name = "<_ as leptos_router[7b7f15f00b8e743d]::matching::nested::any_nested_route::IntoAnyNestedRoute>::into_any_nested_route"
        self.assertEqual(wasm_parts.owner(name, 1), "leptos_router")
        self.assertEqual(wasm_parts.owner("<() as tachys[d38115a39803f375]::html::attribute::NextAttribute>::add_any_attr", 1), "tachys")


if __name__ == "__main__":
    unittest.main()
