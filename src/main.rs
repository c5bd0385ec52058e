fn main() {
    khuzestan_app::start();
}
